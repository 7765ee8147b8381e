package dev.tollgate.client;

import java.io.IOException;

/**
 * Something the payer client could not do. An {@link IOException}, as everything {@link
 * java.net.http.HttpClient#send} throws is, so one {@code catch (IOException e)} covers a paid
 * call; the subclasses say what went wrong.
 */
public class TollgateException extends IOException {
  private static final long serialVersionUID = 1L;

  public TollgateException(String message) {
    super(message);
  }

  public TollgateException(String message, Throwable cause) {
    super(message, cause);
  }
}
