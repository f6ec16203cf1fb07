package dossier.render;

import dossier.DossierException;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import dossier.model.Dossier;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.core.XMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Fills a layout's FreeMarker template with a dossier model. Templates are trusted less than
 * code: they may not create Java objects ({@code ?new}), reach the Java API ({@code ?api}), or
 * see anything but maps, lists, strings, booleans and whole numbers; every interpolation is
 * Markdown-escaped.
 */
public final class Renderer {
  private final Configuration config;
  private final Map<String, Object> loading = new java.util.concurrent.ConcurrentHashMap<>();

  /** @param overrides a folder whose templates replace the shipped ones of the same name */
  public Renderer(Optional<Path> overrides) {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    List<TemplateLoader> loaders = new ArrayList<>();
    if (overrides.isPresent()) {
      try {
        loaders.add(new FileTemplateLoader(overrides.get().toFile()));
      } catch (IOException e) {
        throw new DossierException(overrides.get() + ": cannot read templates: " + e.getMessage(), e);
      }
    }
    loaders.add(new ClassTemplateLoader(Renderer.class, "/templates"));
    c.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
    c.setDefaultEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    c.setTimeZone(TimeZone.getTimeZone("UTC"));
    c.setNumberFormat("computer");
    c.setBooleanFormat("c");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    c.setAPIBuiltinEnabled(false);
    c.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
    c.setRegisteredCustomOutputFormats(List.of(MarkdownOutputFormat.INSTANCE));
    c.setOutputFormat(MarkdownOutputFormat.INSTANCE);
    c.setSharedVariable("code", (TemplateMethodModelEx) Renderer::code);
    // Figures are SVG: their interpolations are XML-escaped instead.
    TemplateConfiguration svg = new TemplateConfiguration();
    svg.setOutputFormat(XMLOutputFormat.INSTANCE);
    c.setTemplateConfigurations(new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher("*.svg.ftl"), svg));
    this.config = c;
  }

  /** {@code ${code(name)}}: a name from the data as a code span, safe in a table cell. */
  private static Object code(List<?> args) throws TemplateModelException {
    if (args.size() != 1 || !(args.get(0) instanceof TemplateScalarModel s)) {
      throw new TemplateModelException("code(text) takes one string");
    }
    return MarkdownOutputFormat.INSTANCE.fromMarkup(MarkdownEscaper.code(s.getAsString()));
  }

  /**
   * The SVG files of a dossier's figures, by their path relative to the dossier.
   */
  public Map<String, String> figures(Dossier model) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Dossier.BranchView b : model.branches()) {
      out.put(b.forest().file(), process("forest.svg.ftl", Map.of("f", TemplateTree.of(b.forest()))));
      out.put(b.bars().file(), process("bars.svg.ftl", Map.of("b", TemplateTree.of(b.bars()))));
    }
    return out;
  }

  private freemarker.template.Template template(String name) {
    // One parse per template: FreeMarker's cache lets threads that ask for a template it does not
    // hold yet each parse it (two dossiers of a check starting together, say).
    Object lock = loading.computeIfAbsent(name, k -> new Object());
    try {
      synchronized (lock) {
        return config.getTemplate(name);
      }
    } catch (IOException e) {
      throw new DossierException("template " + name + ": " + e.getMessage(), e);
    }
  }

  private String process(String name, Object root) {
    StringWriter out = new StringWriter();
    try {
      template(name).process(root, out);
    } catch (TemplateException e) {
      throw new DossierException("template " + name + ": " + e.getMessageWithoutStackTop(), e);
    } catch (IOException e) {
      throw new DossierException("template " + name + ": " + e.getMessage(), e);
    }
    return out.toString();
  }

  /** Renders {@code <layout>.md.ftl} with the model, then normalises and checks the Markdown. */
  public String render(String layout, Record model) {
    String markdown = draft(layout, model);
    checkTables(layout, markdown);
    return markdown;
  }

  /**
   * Renders {@code <layout>.md.ftl} with the model and normalises the Markdown, without checking
   * its tables: for a caller that writes it, or blocks spliced from it, only when that changes a
   * file, and checks it then ({@link #checkTables}). Most renders of a check, a refresh or the
   * pre-commit hook change nothing (numbers current, prose perhaps edited), and the check parses
   * the whole dossier.
   */
  public String draft(String layout, Record model) {
    return MarkdownText.normalise(process(layout + ".md.ftl", TemplateTree.of(model)));
  }

  /** Refuses a {@link #draft} of {@code layout} whose tables are broken ({@link TableCheck}). */
  public static void checkTables(String layout, String markdown) {
    TableCheck.check(markdown, layout + ".md.ftl");
  }
}
