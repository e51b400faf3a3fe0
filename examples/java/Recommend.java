// Recommend.java: the smallest complete use of the Java binding.
//
//   java -Djava.library.path=build/bindings/java -cp build/bindings/java/enforce.jar:. \
//       Recommend rules/tianjin examples/cases/01-posting-mars-cityscape.yaml [AS_OF]
//
// Loads a rule set, asks for a penalty recommendation for one case file
// (YAML or JSON) and prints the outcome, the amount and the legal reasoning.
// Every object is AutoCloseable; try-with-resources releases it, on the
// error paths too.  Only org.libenforce is used (docs/bindings.md).

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.libenforce.Diagnostics;
import org.libenforce.EnforceException;
import org.libenforce.Money;
import org.libenforce.Recommendation;
import org.libenforce.RuleSet;

public final class Recommend {
  private Recommend() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: Recommend RULES CASE [AS_OF]");
      System.exit(2);
    }
    String caseText = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
    // The library never reads a clock: "today" (used only for the late
    // surcharge) is passed in, so a result can be replayed.
    String asOf = args.length == 3 ? args[2] : null;

    try (Diagnostics diagnostics = new Diagnostics()) {
      try (RuleSet rules = RuleSet.load(args[0], null, diagnostics);
           Recommendation rec = rules.recommend(caseText, asOf, true)) {
        print(rec);
      } catch (EnforceException e) {
        // A rule set that fails to load lists every problem it found.
        System.err.print(diagnostics.toString("en"));
        System.err.println(e.getCode() + ": " + e.getMessage());
        System.exit(3);
      }
    }
  }

  private static void print(Recommendation rec) {
    System.out.println("outcome: " + rec.getOutcome());
    if (rec.getBenchmarkId() != null) {
      System.out.println("benchmark: " + rec.getBenchmarkId());
    }
    if (rec.getTier() != null) {
      System.out.println("tier: " + rec.getTier());
    }
    // Amounts are long fen; Money.format gives exact yuan text.
    rec.getAmount().ifPresent(fen -> System.out.println("amount: " + Money.format(fen) + " yuan"));
    if (!rec.getMissing().isEmpty()) {
      System.out.println("missing: " + String.join(", ", rec.getMissing()));
    }
    System.out.println("procedure: " + rec.getProcedure());
    for (int i = 0; i < rec.getStepCount(); i++) {
      System.out.println("  " + rec.getStepCode(i) + ": " + rec.getStepMessage(i, "zh"));
    }
  }
}
