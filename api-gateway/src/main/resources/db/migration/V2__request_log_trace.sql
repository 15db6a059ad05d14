-- The W3C trace id of each logged request, to find it in the services' logs; and look-ups by route over time.
ALTER TABLE request_log ADD COLUMN trace_id char(32);
CREATE INDEX request_log_route_received_idx ON request_log (route_id, received_at);
