"""Pages of the reports app: the figures page, the annual summary, the leader's and the zone's cockpits."""
