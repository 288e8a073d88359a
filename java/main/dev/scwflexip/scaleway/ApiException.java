package dev.scwflexip.scaleway;

import dev.scwflexip.cli.DriverException;

/**
 * An error answer from the Flexible IP API, or a call that could not be completed within its
 * retries and deadline. The message is one operator-readable line.
 */
public class ApiException extends DriverException {
  private static final long serialVersionUID = 1L;

  /** HTTP status, or 0 when no answer came (connection error, timeout, deadline). */
  public final int status;
  /** The error envelope's {@code type} ({@code permissions_denied}, {@code not_found}, …) or null. */
  public final String type;

  public ApiException(String message, int status, String type) {
    super(message);
    this.status = status;
    this.type = type;
  }

  public ApiException(String message, int status, String type, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.type = type;
  }

  /**
   * The Flexible IP no longer exists for us: a deleted IP answers 403 {@code permissions_denied},
   * an id that never existed 404 {@code not_found}.
   */
  public boolean isGone() {
    return status == 404 || (status == 403 && !"quotas_exceeded".equals(type));
  }
}
