"""Quote attribution: the suggestion detector, quotes with their speakers and cues."""
