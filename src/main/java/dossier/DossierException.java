package dossier;

/**
 * The one error type of the tool: a message a user can act on, already naming the file, line or
 * value that is wrong. The CLI prints the message alone (no stack trace) and exits with
 * {@link #exitCode()}.
 */
public class DossierException extends RuntimeException {
  /** The work failed: bad data, unreachable database, a file that cannot be written. */
  public static final int WORK_FAILED = 1;
  /** The command line or a spec was used wrongly. */
  public static final int USAGE = 2;

  private final int exitCode;

  public DossierException(String message) {
    this(message, WORK_FAILED, null);
  }

  public DossierException(String message, Throwable cause) {
    this(message, WORK_FAILED, cause);
  }

  public DossierException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    if (exitCode != WORK_FAILED && exitCode != USAGE) {
      throw new IllegalArgumentException("exitCode must be 1 or 2: " + exitCode);
    }
    this.exitCode = exitCode;
  }

  public static DossierException usage(String message) {
    return new DossierException(message, USAGE, null);
  }

  public int exitCode() {
    return exitCode;
  }
}
