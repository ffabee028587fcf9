"""The store interface and its two implementations; the only code that speaks SQL or Cypher."""
