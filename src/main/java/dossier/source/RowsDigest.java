package dossier.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of rows in their canonical snapshot form ({@link SnapshotWriter}): the same rows give
 * the same digest whether they came from PostgreSQL or from a CSV, in whatever order.
 */
public final class RowsDigest {
  private RowsDigest() {}

  public static String sha256(List<ResultRow> rows) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(SnapshotWriter.write(rows).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
