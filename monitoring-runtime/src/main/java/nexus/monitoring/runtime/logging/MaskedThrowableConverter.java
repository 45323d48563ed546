package nexus.monitoring.runtime.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %ex} with secrets masked, for exception messages that quote a connection URI.
 * Declared in {@code logback.xml} as the conversion word {@code maskedEx}. Being a throwable
 * converter, it also stops Logback from appending its own unmasked {@code %ex}.
 */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return SecretRedactor.redact(super.convert(event));
  }
}
