#!/usr/bin/env bash
# Run once per start by the kafka-setup service, as the broker's super user: a SCRAM-SHA-512 credential
# for each principal (its password from KAFKA_PASSWORD_<PRINCIPAL>, e.g. KAFKA_PASSWORD_INGEST_SERVICE)
# and their ACLs (acls.sh, `crmctl acls` as it prints them). Both are idempotent.
set -euo pipefail
cd /tls
export BOOTSTRAP=kafka:19093
export PATH=/opt/kafka/bin:$PATH
for user in ingest-service segmentation-streams notifier-service crmctl schema-registry; do
  variable="KAFKA_PASSWORD_$(echo "$user" | tr 'a-z-' 'A-Z_')"
  kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --command-config admin.properties --alter \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=${!variable}]" --entity-type users --entity-name "$user"
done
source /opt/touchpoint-crm/kafka/acls.sh
