package dev.scwflexip.scaleway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * What an I/O error means for a retry: whether trying again can help, and whether the request
 * may already have reached the server (which matters for calls that are not idempotent).
 */
final class NetworkFailure {
  final String text;
  final boolean retryable;
  final boolean mayHaveReachedServer;

  private NetworkFailure(String text, boolean retryable, boolean mayHaveReachedServer) {
    this.text = text;
    this.retryable = retryable;
    this.mayHaveReachedServer = mayHaveReachedServer;
  }

  static NetworkFailure of(IOException e, long responseTimeoutMillis) {
    // ConnectTimeoutException is a SocketTimeoutException, so it is checked first
    if (e instanceof ConnectTimeoutException) {
      return new NetworkFailure("could not connect in time", true, false);
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new NetworkFailure("connection refused", true, false);
    }
    if (e instanceof UnknownHostException) {
      return new NetworkFailure("unknown host " + e.getMessage(), true, false);
    }
    if (e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException) {
      return new NetworkFailure("TLS handshake failed: " + e.getMessage(), false, false);
    }
    if (e instanceof SocketTimeoutException) {
      return new NetworkFailure("no answer within " + millis(responseTimeoutMillis), true, true);
    }
    if (e instanceof NoHttpResponseException) {
      return new NetworkFailure("connection closed without an answer", true, true);
    }
    if (e instanceof SocketException) {
      return new NetworkFailure("connection lost (" + e.getMessage() + ")", true, true);
    }
    return new NetworkFailure("I/O error " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), true, true);
  }

  private static String millis(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
