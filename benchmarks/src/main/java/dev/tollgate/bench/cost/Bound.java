package dev.tollgate.bench.cost;

/** Which end of a range of assumptions a figure is computed at. */
public enum Bound {
  LOW,
  HIGH
}
