package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathComponentTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "file.txt",
        "...",
        ".hidden",
        "a b",
        "CON",
        "aux.txt",
        "a:b",
        "名前",
        "😀",
        "tab-free\u00A0nbsp",
        "C1 control \u0085 is not C0"
      })
  void allowsWhatIsNeitherEmptyNorAWayOut(String component) {
    assertThat(PathComponent.isValid(component)).isTrue();
    assertThat(PathComponent.problem(component)).isEmpty();
    assertThat(PathComponent.check(component)).isSameAs(component);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "a/b",
        "/etc",
        "a\\b",
        "C:\\x",
        "nul\u0000",
        "bell\u0007",
        "line\nbreak",
        "tab\t",
        "esc\u001B",
        "del\u007F",
        "\u001F"
      })
  void refusesEmptyDotsSeparatorsAndControlCharacters(String component) {
    assertThat(PathComponent.isValid(component)).isFalse();
    assertThat(PathComponent.problem(component)).isPresent();
    assertThatThrownBy(() -> PathComponent.check(component))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("component");
  }

  @org.junit.jupiter.api.Test
  void reasonsSayWhatIsWrong() {
    assertThat(PathComponent.problem(null)).contains("missing path component");
    assertThat(PathComponent.problem("")).contains("empty path component");
    assertThat(PathComponent.problem("..")).contains("path component '..'");
    assertThat(PathComponent.problem("a/b")).contains("path separator inside a component");
    assertThat(PathComponent.problem("a\u0007"))
        .contains("control character 7 in a path component");
    assertThat(PathComponent.isValid("a".repeat(1_000_000))).isTrue();
  }
}
