package dev.tollgate.contracts.anvil;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The funded accounts of a local anvil chain, derived from its mnemonic on the standard Ethereum
 * path {@code m/44'/60'/0'/0/i}. They hold test Ether only; never use them anywhere else.
 */
public final class DevAccounts {
  public static final String MNEMONIC =
      "test test test test test test test test test test test junk";
  public static final int COUNT = 10;

  private static final int HARDENED = 0x80000000;

  private DevAccounts() {}

  public static Credentials account(int index) {
    if (index < 0 || index >= COUNT) {
      throw new IllegalArgumentException(
          "dev account index must be in [0, " + COUNT + "), got " + index);
    }
    Bip32ECKeyPair master =
        Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
    int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, index};
    return Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path));
  }
}
