"""The many-rounds model: the negotiation timeline, clause histories, blame, the comparison cache."""
