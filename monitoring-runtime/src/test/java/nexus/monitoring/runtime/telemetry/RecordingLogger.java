package nexus.monitoring.runtime.telemetry;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps every event, formatted, for assertions. */
final class RecordingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  record Event(Level level, String message) {}

  final List<Event> events = new ArrayList<>();

  RecordingLogger() {
    this.name = "recording";
  }

  List<String> messages(Level level) {
    synchronized (events) {
      return events.stream().filter(e -> e.level() == level).map(Event::message).toList();
    }
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    synchronized (events) {
      events.add(new Event(level, MessageFormatter.basicArrayFormat(pattern, arguments)));
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
