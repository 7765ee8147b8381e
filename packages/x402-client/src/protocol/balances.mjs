// What a channel holds of one asset, seen from the payer: its own balance, the gateway's, and what
// is locked in active transfers. The three always add up to the processed deposits.

export function assetBalance(channel, asset) {
  const index = channel.assetIds.indexOf(asset);
  if (index < 0) return { gateway: 0n, payer: 0n, locked: 0n, deposits: 0n };
  const [gateway, payer] = channel.balances[index].amount.map(BigInt);
  const locked = channel.activeTransfers
    .filter((t) => t.assetId === asset)
    .reduce((sum, t) => sum + BigInt(t.balance.amount[0]) + BigInt(t.balance.amount[1]), 0n);
  const deposits = BigInt(channel.processedDepositsA[index]) + BigInt(channel.processedDepositsB[index]);
  return { gateway, payer, locked, deposits };
}
