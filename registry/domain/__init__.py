"""The registry's vocabulary: kinds of node and edge, their properties and rules."""
