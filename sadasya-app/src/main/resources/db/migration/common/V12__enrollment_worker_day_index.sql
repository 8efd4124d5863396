-- An opened enrolment shows the worker's other enrolments of that day (review.ReviewCaseController):
-- one worker, one day's receipt window.
CREATE INDEX enrollment_worker_day ON enrollment (worker_id, received_at);
