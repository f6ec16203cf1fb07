package dossier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strict UTF-8, and the line of the first bad byte counted as the parsers count lines. */
class Utf8Test {
  private static byte[] withBadByteAfter(String text) {
    byte[] head = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    out[head.length] = (byte) 0xE9; // Latin-1 é: not UTF-8
    out[head.length + 1] = 'x';
    return out;
  }

  @Test
  void decodesUtf8AndNamesTheLineOfABadByteWhateverTheLineEndings() throws Utf8.Malformed {
    assertEquals("a,β\n", Utf8.decode("a,β\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(1, assertThrows(Utf8.Malformed.class, () -> Utf8.decode(withBadByteAfter(""))).line());
    assertEquals(3, assertThrows(Utf8.Malformed.class, () -> Utf8.decode(withBadByteAfter("a\nb\n"))).line());
    assertEquals(3, assertThrows(Utf8.Malformed.class, () -> Utf8.decode(withBadByteAfter("a\r\nb\r\n"))).line());
    assertEquals(3, assertThrows(Utf8.Malformed.class, () -> Utf8.decode(withBadByteAfter("a\rb\r"))).line());
  }
}
