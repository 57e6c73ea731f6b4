-- Databases of the deployables, created when the compose PostgreSQL first starts.
create database ladder_referral;
create database ladder_identity;
create database ladder_journeys;
create database ladder_training;
create database ladder_employer;
create database ladder_ops;
