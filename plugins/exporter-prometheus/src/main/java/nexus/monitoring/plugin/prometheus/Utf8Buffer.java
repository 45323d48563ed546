package nexus.monitoring.plugin.prometheus;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The one buffer a scrape writes into: text is encoded to UTF-8 as it is appended (ASCII, nearly
 * all of a scrape, byte by byte) and handed to the stream in large blocks, so no line becomes a
 * {@code String} of its own and nothing is allocated per sample.
 */
final class Utf8Buffer {
  private static final int CAPACITY = 16 * 1024;

  /** Room for the longest encoding of one char or surrogate pair, kept free at the end. */
  private static final int SLACK = 4;

  private final OutputStream out;
  private final byte[] bytes = new byte[CAPACITY];
  private int size;

  Utf8Buffer(OutputStream out) {
    this.out = out;
  }

  Utf8Buffer append(String text) throws IOException {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (size > CAPACITY - SLACK) {
        drain();
      }
      if (c < 0x80) {
        bytes[size++] = (byte) c;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        appendCodePoint(Character.toCodePoint(c, text.charAt(++i)));
      } else if (Character.isSurrogate(c)) {
        bytes[size++] = '?'; // a lone surrogate, encoded as the JDK's UTF-8 encoder does
      } else {
        appendCodePoint(c);
      }
    }
    return this;
  }

  Utf8Buffer append(char c) throws IOException {
    if (size > CAPACITY - SLACK) {
      drain();
    }
    if (c < 0x80) {
      bytes[size++] = (byte) c;
    } else {
      append(String.valueOf(c));
    }
    return this;
  }

  Utf8Buffer append(long value) throws IOException {
    if (value < 0 || value >= 1_000_000_000_000_000_000L) {
      return append(Long.toString(value));
    }
    if (size > CAPACITY - 20) {
      drain();
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    int at = size + digits;
    long v = value;
    do {
      bytes[--at] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    } while (v > 0);
    size += digits;
    return this;
  }

  private void appendCodePoint(int cp) {
    if (cp < 0x800) {
      bytes[size++] = (byte) (0xC0 | cp >> 6);
    } else if (cp < 0x10000) {
      bytes[size++] = (byte) (0xE0 | cp >> 12);
      bytes[size++] = (byte) (0x80 | (cp >> 6 & 0x3F));
    } else {
      bytes[size++] = (byte) (0xF0 | cp >> 18);
      bytes[size++] = (byte) (0x80 | (cp >> 12 & 0x3F));
      bytes[size++] = (byte) (0x80 | (cp >> 6 & 0x3F));
    }
    bytes[size++] = (byte) (0x80 | (cp & 0x3F));
  }

  private void drain() throws IOException {
    out.write(bytes, 0, size);
    size = 0;
  }

  /** Writes what is buffered and flushes the stream. */
  void flush() throws IOException {
    drain();
    out.flush();
  }
}
