package nexus.monitoring.runtime.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with secrets masked. Declared in {@code logback.xml} as the conversion
 * word {@code maskedMsg}:
 *
 * <pre>{@code
 * <conversionRule conversionWord="maskedMsg"
 *     class="nexus.monitoring.runtime.logging.MaskedMessageConverter"/>
 * }</pre>
 */
public final class MaskedMessageConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return SecretRedactor.redact(event.getFormattedMessage());
  }
}
