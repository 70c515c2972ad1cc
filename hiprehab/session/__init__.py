"""A session as it is played: timeline, engine, clock, announcements, recording."""
