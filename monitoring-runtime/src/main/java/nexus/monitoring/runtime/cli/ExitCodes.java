package nexus.monitoring.runtime.cli;

/** Exit codes shared by the commands; {@code check} uses Nagios codes 0 to 3 instead. */
final class ExitCodes {
  static final int OK = 0;

  /** Bad configuration or command-line usage. */
  static final int CONFIG_ERROR = 2;

  /** The host could not start, for example because its port is taken. */
  static final int START_FAILED = 4;

  /** A bug in the host. */
  static final int INTERNAL_ERROR = 70;

  private ExitCodes() {}
}
