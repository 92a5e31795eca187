-- Registration packets (登记用测绘成果): what a registrar was given for an application, kept immutably.

CREATE TABLE registration_packet (
  parcel_code char(19) NOT NULL REFERENCES parcel (parcel_code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  registration_type text NOT NULL,
  unit_code char(28),
  application_no text NOT NULL CHECK (application_no <> ''),
  purpose text NOT NULL CHECK (purpose <> ''),
  requested_by text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('reuse', 'new_survey_required')),
  boundary_survey_id uuid,
  content jsonb NOT NULL,
  PRIMARY KEY (parcel_code, id)
);
COMMENT ON TABLE registration_packet IS 'What a registration was given: boundary, 界址点, areas, each value with its rule, source and reason; immutable.';
COMMENT ON COLUMN registration_packet.application_no IS '不动产登记申请编号: packets are issued for an application only (R8).';
COMMENT ON COLUMN registration_packet.purpose IS 'What the packet is used for: shared data may serve registration only (R8).';
COMMENT ON COLUMN registration_packet.boundary_survey_id IS 'The accepted result whose boundary the packet registers (null where none).';
CREATE UNIQUE INDEX registration_packet_id_idx ON registration_packet (id, parcel_code);
CREATE INDEX registration_packet_parcel_idx ON registration_packet (parcel_code, created_at);

CREATE FUNCTION registration_packet_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registration packets are immutable: % refused', TG_OP USING ERRCODE = 'OSH01';
END $$;
CREATE TRIGGER registration_packet_immutable BEFORE UPDATE OR DELETE ON registration_packet
  FOR EACH ROW EXECUTE FUNCTION registration_packet_immutable();
