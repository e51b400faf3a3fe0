package org.libenforce;

import java.nio.charset.StandardCharsets;

/**
 * A libenforce failure, unchecked.
 *
 * <p>{@link #getCode()} is the stable name of the error ("io", "yaml_syntax",
 * "unknown_benchmark" ..., see docs/error-codes.md), or "closed" when an
 * object was used after {@code close()}. {@link #getMessage()} is the
 * library's one-line message, with file:line:col or the case field path
 * where there is one.
 */
public class EnforceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public EnforceException(String code, String message) {
    super(message);
    this.code = code;
  }

  /* Called from JNI: the message arrives as real UTF-8. */
  EnforceException(String code, byte[] utf8Message) {
    this(code, new String(utf8Message, StandardCharsets.UTF_8));
  }

  /** The stable error code name, e.g. "unknown_benchmark". */
  public String getCode() {
    return code;
  }

  @Override
  public String toString() {
    return getClass().getName() + "[" + code + "]: " + getMessage();
  }
}
