"""The incident pages: the list, one incident, recording one, and repeat-victim alerts."""
