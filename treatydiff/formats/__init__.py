"""Treatydiff's own file formats: clause files, ``negotiation.yaml``, YAML with line numbers, safe text I/O."""
