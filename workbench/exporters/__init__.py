"""Views of one annotated article: JSON (and, as they come, ClaimReview, Web Annotation...)."""
