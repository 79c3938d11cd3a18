"""Working as a team: merging annotators' projects, agreement, adjudication into gold."""
