package org.asyncio4j.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CookieDatesTest {
  @Test
  void readsTheFormsServersSend() {
    // ported from test_cookiejar.py::test_date_parsing (the dates it accepts)
    assertThat(CookieDates.parse("Tue, 1 Jan 70 00:00:00 GMT")).isEqualTo(Instant.EPOCH);
    assertThat(CookieDates.parse("Tue, 1 Jan 10 00:00:00 GMT"))
        .isEqualTo(Instant.parse("2010-01-01T00:00:00Z"));
    assertThat(CookieDates.parse("1 Jan 1970 00:00:00 GMT")).isEqualTo(Instant.EPOCH);
    assertThat(CookieDates.parse("Tue, 1 Jan 1970 00:00:00")).isEqualTo(Instant.EPOCH);
    // the RFC 1123, RFC 850 and asctime forms
    assertThat(CookieDates.parse("Wed, 09 Jun 2021 10:18:14 GMT"))
        .isEqualTo(Instant.parse("2021-06-09T10:18:14Z"));
    assertThat(CookieDates.parse("Wednesday, 09-Jun-21 10:18:14 GMT"))
        .isEqualTo(Instant.parse("2021-06-09T10:18:14Z"));
    assertThat(CookieDates.parse("Wed Jun  9 10:18:14 2021"))
        .isEqualTo(Instant.parse("2021-06-09T10:18:14Z"));
    assertThat(CookieDates.parse("09 JUNE 2021 1:2:3"))
        .isEqualTo(Instant.parse("2021-06-09T01:02:03Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // ported from test_cookiejar.py::test_date_parsing (the dates it refuses)
        "",
        "Tue, 1 Jan 00:00:00 GMT",
        "Tue, 1 1970 00:00:00 GMT",
        "Tue, Jan 1970 00:00:00 GMT",
        "Tue, 1 Jan 1970 GMT",
        "Tue, 0 Jan 1970 00:00:00 GMT",
        "Tue, 1 Jan 1500 00:00:00 GMT",
        "Tue, 1 Jan 1970 77:88:99 GMT",
        "Tue, ١ Jan ١٩٧٠ ٠٠:٠٠:٠٠ GMT",
        "Tue, １ Jan １９７０ ００:００:００ GMT",
        "Tue, 1 Jan 1970 ٠٠:٠٠:٠٠ GMT",
        // and
        "31 Jun 2021 00:00:00",
        "29 Feb 2021 00:00:00",
        "string"
      })
  void refusesWhatIsNotADate(String s) {
    assertThat(CookieDates.parse(s)).isNull();
  }
}
