package dossier;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, as Maven wrote it into {@code dossier-version.properties}. */
public final class ToolVersion {
  private static final String VERSION = read();

  private ToolVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = ToolVersion.class.getResourceAsStream("/dossier-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
