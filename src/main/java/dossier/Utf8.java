package dossier;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for the files people write (snapshots, specs, dossiers): a byte that is not UTF-8
 * is an error naming its line, never a silent replacement character.
 */
public final class Utf8 {
  private Utf8() {}

  /** The bytes are not UTF-8; {@code line} (1-based) holds the first bad byte. */
  public static final class Malformed extends Exception {
    private final long line;

    Malformed(long line) {
      super("not UTF-8 text at line " + line, null, false, false);
      this.line = line;
    }

    public long line() {
      return line;
    }
  }

  public static String decode(byte[] bytes) throws Malformed {
    try {
      return decoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Malformed(lineOfFirstBadByte(bytes));
    }
  }

  /** A line ends at LF, CRLF or a lone CR, as the CSV and YAML parsers count them. */
  static long lineOfFirstBadByte(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    decoder().decode(in, CharBuffer.allocate(bytes.length), true); // stops before the bad byte
    long line = 1;
    for (int i = 0; i < in.position(); i++) {
      if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
        line++;
      }
    }
    return line;
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
