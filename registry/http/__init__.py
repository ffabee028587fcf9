"""App-wide HTTP concerns: authentication and sessions, rate limits, headers, redirects."""
