-- One database per service (ARCHITECTURE §2); the image creates POSTGRES_DB (outreach) itself.
CREATE DATABASE merchants OWNER cnscd;
CREATE DATABASE training OWNER cnscd;
CREATE DATABASE indicators OWNER cnscd;
CREATE DATABASE identity OWNER cnscd;
