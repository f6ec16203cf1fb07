package dossier.cli;

import dossier.ToolVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}. */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"dossier " + ToolVersion.get()};
  }
}
