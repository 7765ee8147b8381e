// Funding a channel from a wallet: the reader's on-chain deposit is a plain transfer to the channel
// address (vector credits whatever the address holds beyond what the channel has reconciled), of
// an ERC-20 token or of Ether (the zero address). Pass the result as VectorHashlockClient's `fund`.
import { Contract, ZeroAddress } from 'ethers';

const ERC20 = ['function transfer(address to, uint256 amount) returns (bool)'];

/**
 * @param signer an ethers Signer with a provider, holding the asset (and gas)
 * @param amount base units to deposit each time the channel is funded
 * @param confirmations blocks to wait for before the gateway is asked to reconcile (default 1)
 */
export function walletFunding({ signer, amount, confirmations = 1 }) {
  if (!signer?.provider) throw new TypeError('walletFunding needs an ethers Signer connected to a provider');
  const value = BigInt(amount);
  if (value <= 0n) throw new RangeError(`the deposit must be positive, got ${amount}`);
  return async ({ channelAddress, asset }) => {
    const tx =
      asset === ZeroAddress
        ? await signer.sendTransaction({ to: channelAddress, value })
        : await new Contract(asset, ERC20, signer).transfer(channelAddress, value);
    const receipt = await tx.wait(confirmations);
    if (!receipt || receipt.status !== 1) throw new Error(`the deposit transaction ${tx.hash} failed`);
    return { amount: value.toString(), asset, txHash: tx.hash };
  };
}
