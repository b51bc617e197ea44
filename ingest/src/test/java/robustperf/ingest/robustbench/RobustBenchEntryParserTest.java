package robustperf.ingest.robustbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RobustBenchEntryParserTest {
  private static final String WONG =
      """
      {"link": "https://arxiv.org/abs/2001.03994", "name": "Fast is better than free",
       "authors": "Eric Wong", "additional_data": false, "number_forward_passes": 1,
       "dataset": "cifar10", "venue": "ICLR 2020", "architecture": "PreActResNet-18",
       "eps": "8/255", "clean_acc": "83.34", "reported": "46.06", "autoattack_acc": "43.21"}
      """;

  @Test
  void parsesEveryFieldOfAWellFormedEntry() throws Exception {
    RobustBenchEntryParser.Result r = RobustBenchEntryParser.parse("cifar10/Linf/Wong2020Fast.json", WONG);
    RobustBenchEntry e = r.entry();
    assertEquals(List.of(), r.issues());
    assertEquals("cifar10/Linf", e.leaderboard());
    assertEquals("Wong2020Fast", e.modelId());
    assertEquals(83.34, e.cleanAccPct());
    assertEquals(43.21, e.autoattackAccPct());
    assertEquals(8.0 / 255, e.eps(), 1e-15);
    assertEquals(2020, e.pubYear());
    assertEquals(1, e.pubMonth());
    assertEquals("arxiv-id", e.dateSource());
    assertEquals(2020, e.venueYear());
    assertEquals("PreActResNet-18", e.architecture());
    assertEquals(false, e.additionalData());
    assertNull(e.unreliable());
    assertEquals(WONG, e.rawJson());
  }

  @Test
  void unparsableValuesBecomeNullWithAnIssueAndTheEntryIsKept() throws Exception {
    String json =
        WONG.replace("\"83.34\"", "\"n/a\"").replace("\"ICLR 2020\"", "\"N/A\"")
            .replace("\"reported\": \"46.06\"", "\"reported\": \"\"")
            .replace("https://arxiv.org/abs/2001.03994", "https://github.com/x")
            .replace("\"additional_data\": false", "\"additional_data\": \"no\"");
    RobustBenchEntryParser.Result r = RobustBenchEntryParser.parse("cifar10/Linf/X.json", json);
    assertNull(r.entry().cleanAccPct());
    assertNull(r.entry().reportedAccPct());
    assertNull(r.entry().pubYear());
    assertNull(r.entry().additionalData());
    assertEquals(43.21, r.entry().autoattackAccPct());
    assertEquals(
        List.of("venue", "additional_data", "clean_acc", "reported"),
        r.issues().stream().map(ParseIssue::field).toList());
    assertTrue(r.issues().stream().allMatch(i -> i.file().equals("cifar10/Linf/X.json")));
  }

  @Test
  void malformedJsonIsRejectedWithFileAndLine() {
    MalformedEntryException e =
        assertThrows(
            MalformedEntryException.class,
            () -> RobustBenchEntryParser.parse("cifar10/Linf/Bad.json", "{\n\"name\": \"x\",\n oops}"));
    assertTrue(e.getMessage().startsWith("cifar10/Linf/Bad.json: malformed JSON at line 3"), e.getMessage());
  }

  @Test
  void unsafeModelIdsAreRejected() {
    assertThrows(
        MalformedEntryException.class, () -> RobustBenchEntryParser.parse("cifar10/Linf/..json", WONG));
  }

  @Test
  void venuesGiveYearAndMonth() {
    assertEquals(new PublicationDate(2022, 12, "venue"), PublicationDate.fromVenue("arXiv, Dec. 2022"));
    assertEquals(new PublicationDate(2019, 10, "venue"), PublicationDate.fromVenue("GitHub,<br>Oct 2019"));
    assertEquals(new PublicationDate(2024, null, "venue"), PublicationDate.fromVenue("NeurIPS 2024"));
    assertNull(PublicationDate.fromVenue("N/A"));
    assertEquals(new PublicationDate(2021, 3, "arxiv-id"), PublicationDate.fromArxivLink("https://arxiv.org/pdf/2103.01946.pdf"));
  }

  @Test
  void architecturesNormalize() {
    assertEquals(new ArchitectureName("WRN-34-10", "WideResNet", null), ArchitectureName.parse("WideResNet-34-10"));
    assertEquals(new ArchitectureName("WRN-28-10", "WideResNet", "PSSiLU"), ArchitectureName.parse("WideResNet-28-10-PSSiLU"));
    assertEquals(new ArchitectureName("WRN-70-16", "WideResNet", "MeanSparse"), ArchitectureName.parse("MeanSparse WideResNet-70-16"));
    assertEquals(new ArchitectureName("ConvNeXt-B", "ConvNeXt", "ConvStem"), ArchitectureName.parse("ConvNeXt-B + ConvStem"));
    assertEquals("ensemble", ArchitectureName.parse("ResNet-152 + WideResNet-70-16").family());
    assertEquals(new ArchitectureName("PreActResNet-18", "PreActResNet", null), ArchitectureName.parse("PreActResNet-18"));
    assertEquals(new ArchitectureName("ResNet-50", "ResNet", null), ArchitectureName.parse("ResNet-50"));
    assertNull(ArchitectureName.parse("Mystery-Net"));
  }
}
