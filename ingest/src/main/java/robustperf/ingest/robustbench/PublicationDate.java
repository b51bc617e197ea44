package robustperf.ingest.robustbench;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a paper appeared, from its arXiv id (first public version) or else its venue.
 *
 * @param year four-digit year
 * @param month 1-12, or null when only the year is known
 * @param source "arxiv-id" when read from the arXiv id in the link, "venue" otherwise
 */
public record PublicationDate(int year, Integer month, String source) implements Serializable {
  private static final Pattern ARXIV_ID =
      Pattern.compile("arxiv\\.org/(?:abs|pdf)/(\\d{2})(\\d{2})\\.\\d{4,5}", Pattern.CASE_INSENSITIVE);
  private static final Pattern YEAR = Pattern.compile("\\b(19[89]\\d|20\\d\\d)\\b");
  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  /**
   * Reads the year and month from an arXiv link such as https://arxiv.org/abs/2001.03994.
   *
   * @param link the entry's link, may be null
   * @return the date, or null when the link holds no new-style arXiv id
   */
  public static PublicationDate fromArxivLink(String link) {
    if (link == null) {
      return null;
    }
    Matcher m = ARXIV_ID.matcher(link);
    if (!m.find()) {
      return null;
    }
    int month = Integer.parseInt(m.group(2));
    if (month < 1 || month > 12) {
      return null;
    }
    return new PublicationDate(2000 + Integer.parseInt(m.group(1)), month, "arxiv-id");
  }

  /**
   * Reads the year, and the month where written, from a venue such as "ICLR 2020" or "arXiv, Dec.
   * 2022".
   *
   * @param venue the venue, may be null
   * @return the date, or null when the venue has no year
   */
  public static PublicationDate fromVenue(String venue) {
    if (venue == null) {
      return null;
    }
    Matcher m = YEAR.matcher(venue);
    if (!m.find()) {
      return null;
    }
    return new PublicationDate(Integer.parseInt(m.group(1)), monthIn(venue), "venue");
  }

  private static Integer monthIn(String venue) {
    String lower = venue.toLowerCase(Locale.ROOT);
    for (int i = 0; i < MONTHS.length; i++) {
      if (Pattern.compile("\\b" + MONTHS[i] + "[a-z]*\\.?\\s+(19|20)\\d\\d").matcher(lower).find()) {
        return i + 1;
      }
    }
    return null;
  }
}
