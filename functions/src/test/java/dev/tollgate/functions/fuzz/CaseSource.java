package dev.tollgate.functions.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generator of one family. Its kinds (which field, which change) are taken in turn, so a run of
 * at least as many cases as there are kinds covers each; what each kind picks (a bit, a value, a
 * position) comes from the run's seeded random.
 */
abstract class CaseSource {
  /** Builds one case of a kind; the kind's name is passed in for the case's label. */
  interface Maker {
    FuzzCase make(String kind, Random random);
  }

  private record Kind(String name, Maker maker) {}

  private final Family family;
  private final List<Kind> kinds = new ArrayList<>();

  CaseSource(Family family) {
    this.family = family;
  }

  Family family() {
    return family;
  }

  final void kind(String name, Maker maker) {
    kinds.add(new Kind(name, maker));
  }

  int kindCount() {
    return kinds.size();
  }

  /** The {@code index}-th case of this family in the run. */
  FuzzCase next(int index, Random random) {
    Kind k = kinds.get(index % kinds.size());
    return k.maker().make(k.name(), random);
  }
}
