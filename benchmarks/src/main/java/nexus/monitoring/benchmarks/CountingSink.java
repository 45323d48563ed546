package nexus.monitoring.benchmarks;

import java.io.OutputStream;

/** Where rendered text goes: counts the bytes and keeps none, so no library pays for storage. */
final class CountingSink extends OutputStream {
  private long bytes;

  @Override
  public void write(int b) {
    bytes++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    bytes += len;
  }

  /** Bytes written since the last call, and starts counting again. */
  long reset() {
    long written = bytes;
    bytes = 0;
    return written;
  }
}
