package dev.tollgate.bench;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import fr.acinq.secp256k1.Secp256k1;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** secp256k1 through the native binding: signing (with its recovery-id search) and recovery. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SignatureBenchmark {
  private LocalKeySigner signer;
  private Bytes32[] digests;
  private Signature[] signatures;
  private byte[][] compact;
  private byte[][] digestBytes;
  private int i;
  private static final Secp256k1 NATIVE = Secp256k1.get();

  @Setup
  public void setUp() {
    signer =
        LocalKeySigner.fromHex(
            "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63");
    digests = new Bytes32[1024];
    signatures = new Signature[1024];
    for (int k = 0; k < digests.length; k++) {
      digests[k] = Keccak.hash(new byte[] {(byte) k, (byte) (k >> 8)});
      signatures[k] = signer.sign(digests[k]);
    }
    compact = new byte[1024][];
    digestBytes = new byte[1024][];
    for (int k = 0; k < digests.length; k++) {
      compact[k] = signatures[k].compact();
      digestBytes[k] = digests[k].toArray();
    }
  }

  @Benchmark
  public Signature sign() {
    i = (i + 1) & 1023;
    return signer.sign(digests[i]);
  }

  /**
   * libsecp256k1's recovery alone, without hashing the key to an address: the floor for recover.
   */
  @Benchmark
  public byte[] recoverNativeOnly() {
    i = (i + 1) & 1023;
    return NATIVE.ecdsaRecover(compact[i], digestBytes[i], signatures[i].recoveryId());
  }

  @Benchmark
  public Optional<Address> recover() {
    i = (i + 1) & 1023;
    return Secp256k1Signatures.recover(digests[i], signatures[i]);
  }
}
