package robustperf.ingest.robustbench;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An architecture name brought to one spelling per network, e.g. "WideResNet-34-10" -> "WRN-34-10".
 *
 * @param normalized canonical name
 * @param family family, e.g. "WideResNet", "ResNet", "ViT", "ensemble"
 * @param modifier what the entry adds on top of the base network (e.g. "MeanSparse", "PSSiLU"), or
 *     null
 */
public record ArchitectureName(String normalized, String family, String modifier)
    implements Serializable {

  private record Rule(Pattern pattern, String family, String format) {}

  /** Ordered: the first matching rule wins. {@code %s} slots take the pattern's groups. */
  private static final List<Rule> RULES =
      List.of(
          rule("RaWideResNet-(\\d+)-(\\d+)", "RaWideResNet", "RaWRN-%s-%s"),
          rule("WideResNet-(\\d+)-(\\d+)", "WideResNet", "WRN-%s-%s"),
          rule("WideResNet-(\\d+)-([A-Z])", "WideResNet", "WRN-%s-%s"),
          rule("WideResNet-([A-Z]\\d+)", "WideResNet", "WRN-%s"),
          rule("PreActResNet-(\\d+)", "PreActResNet", "PreActResNet-%s"),
          rule("ResNet-(\\d+)", "ResNet", "ResNet-%s"),
          rule("ResNest(\\d+)", "ResNeSt", "ResNeSt-%s"),
          rule("DenseNet-(\\d+)", "DenseNet", "DenseNet-%s"),
          rule("XCiT-([SML]\\d+)", "XCiT", "XCiT-%s"),
          rule("Swin-([TSBL])", "Swin", "Swin-%s"),
          rule("ConvNeXtV2-([TSBL])", "ConvNeXtV2", "ConvNeXtV2-%s"),
          rule("ConvNeXt-([TSBL])", "ConvNeXt", "ConvNeXt-%s"),
          rule("ViT-([TSBL])", "ViT", "ViT-%s"),
          rule("(\\d+)-layer-CNN", "CNN", "CNN-%s"));

  private static Rule rule(String regex, String family, String format) {
    return new Rule(Pattern.compile("^" + regex + "(?![0-9])(.*)$"), family, format);
  }

  /**
   * Normalizes a RobustBench architecture string.
   *
   * @param raw e.g. "WideResNet-28-10-PSSiLU", "MeanSparse WideResNet-70-16", "ResNet-152 +
   *     WideResNet-70-16"
   * @return the normalized name, or null when no rule knows the network
   */
  public static ArchitectureName parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String text = raw.trim();
    if (text.contains(" + ") && !text.endsWith("ConvStem")) {
      return new ArchitectureName(text, "ensemble", null);
    }
    String prefix = null;
    if (text.startsWith("MeanSparse ")) {
      prefix = "MeanSparse";
      text = text.substring("MeanSparse ".length());
    }
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(text);
      if (m.matches()) {
        Object[] groups = new Object[m.groupCount() - 1];
        for (int i = 0; i < groups.length; i++) {
          groups[i] = m.group(i + 1);
        }
        String rest = m.group(m.groupCount()).replaceFirst("^[-, ]+", "").replace("+ ", "").trim();
        String modifier = join(prefix, rest.isEmpty() ? null : rest);
        return new ArchitectureName(String.format(rule.format(), groups), rule.family(), modifier);
      }
    }
    return null;
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + "; " + b;
  }
}
