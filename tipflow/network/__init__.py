"""Network stage: ties between accounts and the networks they form (issue 5 grows this)."""
