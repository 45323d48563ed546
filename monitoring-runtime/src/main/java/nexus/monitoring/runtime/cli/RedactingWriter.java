package nexus.monitoring.runtime.cli;

import java.io.IOException;
import java.io.Writer;
import nexus.monitoring.runtime.logging.SecretRedactor;

/**
 * Passes text on line by line with secrets masked, so that no command can print a password from the
 * configuration, whatever it prints. A line is held until its end (or a flush), because a secret
 * split across two writes would otherwise slip through.
 */
final class RedactingWriter extends Writer {
  private final Writer target;
  private final StringBuilder line = new StringBuilder();

  RedactingWriter(Writer target) {
    this.target = target;
  }

  @Override
  public synchronized void write(char[] buffer, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      char c = buffer[i];
      line.append(c);
      if (c == '\n') {
        emit();
      }
    }
  }

  private void emit() throws IOException {
    if (!line.isEmpty()) {
      target.write(SecretRedactor.redact(line.toString()));
      line.setLength(0);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    target.close();
  }
}
