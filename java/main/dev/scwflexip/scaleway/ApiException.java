package dev.scwflexip.scaleway;

import dev.scwflexip.base.DriverException;

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
   * The API could not be reached or did not do its job (no answer, timeouts, 429, 5xx): nothing
   * is wrong with the request or the IP, so work that can wait may be left for later.
   */
  public boolean isOutage() {
    return status == 0 || status == 429 || status >= 500;
  }

  /**
   * The answer a missing Flexible IP gets: 404 {@code not_found} for an id that never existed,
   * 403 {@code permissions_denied} for a deleted one. A token without rights gets the same 403,
   * so only {@link Gone#confirmed} may conclude that an IP is gone.
   */
  public boolean mightBeGone() {
    return status == 404 || (status == 403 && !"quotas_exceeded".equals(type));
  }
}
