-- The dashboard's numbers above the booths' parents, kept as each enrolment changes status
-- (enrollment.EnrollmentDayCounts), so that a district's or the state's dashboard reads one row per
-- unit and day instead of every enrolment. A row counts the enrolments of the booths directly below
-- unit_path received on one IST day (ist_day: days since 1970-01-01 in India's time).
-- decided_NN counts the enrolments decided (accepted or rejected) after a time in bucket NN of
-- enrollment.DecisionTimeBuckets, for the median time to decision. Filled from the enrolments by V16_1.
CREATE TABLE enrollment_day (
    unit_path VARCHAR(400) NOT NULL,
    ist_day   INT          NOT NULL,
    submitted BIGINT       NOT NULL DEFAULT 0,
    accepted  BIGINT       NOT NULL DEFAULT 0,
    rejected  BIGINT       NOT NULL DEFAULT 0,
    review    BIGINT       NOT NULL DEFAULT 0,
    decided_00 BIGINT NOT NULL DEFAULT 0,
    decided_01 BIGINT NOT NULL DEFAULT 0,
    decided_02 BIGINT NOT NULL DEFAULT 0,
    decided_03 BIGINT NOT NULL DEFAULT 0,
    decided_04 BIGINT NOT NULL DEFAULT 0,
    decided_05 BIGINT NOT NULL DEFAULT 0,
    decided_06 BIGINT NOT NULL DEFAULT 0,
    decided_07 BIGINT NOT NULL DEFAULT 0,
    decided_08 BIGINT NOT NULL DEFAULT 0,
    decided_09 BIGINT NOT NULL DEFAULT 0,
    decided_10 BIGINT NOT NULL DEFAULT 0,
    decided_11 BIGINT NOT NULL DEFAULT 0,
    decided_12 BIGINT NOT NULL DEFAULT 0,
    decided_13 BIGINT NOT NULL DEFAULT 0,
    decided_14 BIGINT NOT NULL DEFAULT 0,
    decided_15 BIGINT NOT NULL DEFAULT 0,
    decided_16 BIGINT NOT NULL DEFAULT 0,
    decided_17 BIGINT NOT NULL DEFAULT 0,
    decided_18 BIGINT NOT NULL DEFAULT 0,
    decided_19 BIGINT NOT NULL DEFAULT 0,
    decided_20 BIGINT NOT NULL DEFAULT 0,
    decided_21 BIGINT NOT NULL DEFAULT 0,
    decided_22 BIGINT NOT NULL DEFAULT 0,
    decided_23 BIGINT NOT NULL DEFAULT 0,
    decided_24 BIGINT NOT NULL DEFAULT 0,
    decided_25 BIGINT NOT NULL DEFAULT 0,
    decided_26 BIGINT NOT NULL DEFAULT 0,
    decided_27 BIGINT NOT NULL DEFAULT 0,
    decided_28 BIGINT NOT NULL DEFAULT 0,
    decided_29 BIGINT NOT NULL DEFAULT 0,
    decided_30 BIGINT NOT NULL DEFAULT 0,
    decided_31 BIGINT NOT NULL DEFAULT 0,
    decided_32 BIGINT NOT NULL DEFAULT 0,
    decided_33 BIGINT NOT NULL DEFAULT 0,
    decided_34 BIGINT NOT NULL DEFAULT 0,
    decided_35 BIGINT NOT NULL DEFAULT 0,
    decided_36 BIGINT NOT NULL DEFAULT 0,
    decided_37 BIGINT NOT NULL DEFAULT 0,
    decided_38 BIGINT NOT NULL DEFAULT 0,
    decided_39 BIGINT NOT NULL DEFAULT 0,
    decided_40 BIGINT NOT NULL DEFAULT 0,
    decided_41 BIGINT NOT NULL DEFAULT 0,
    decided_42 BIGINT NOT NULL DEFAULT 0,
    decided_43 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_path, ist_day)
);

-- Per unit, day and rule: how many rejected enrolments the rule rejected (a rejection may name several).
CREATE TABLE enrollment_day_reason (
    unit_path VARCHAR(400) NOT NULL,
    ist_day   INT          NOT NULL,
    code      VARCHAR(40)  NOT NULL,
    rejected  BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_path, ist_day, code)
);
