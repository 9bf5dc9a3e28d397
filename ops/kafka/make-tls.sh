#!/usr/bin/env bash
# The compose broker's TLS material, made once into the kafka-tls volume (mounted at /tls) by the
# kafka-tls service: a key pair and self-signed certificate for the broker (kafka, localhost), a
# trust store holding that certificate for every client, and the super user's client properties for
# the tools inside the network (kafka-setup, the broker's healthcheck). A real installation uses
# certificates of its own CA instead (docs/security.md, Kafka and registry).
set -euo pipefail
cd /tls
if [[ ! -f broker.p12 ]]; then
  keytool -genkeypair -alias broker -keyalg EC -groupname secp256r1 -validity 825 \
    -dname CN=kafka -ext SAN=dns:kafka,dns:localhost,ip:127.0.0.1 \
    -keystore broker.p12 -storetype PKCS12 -storepass "$KAFKA_TLS_STORE_PASSWORD" -keypass "$KAFKA_TLS_STORE_PASSWORD"
  keytool -exportcert -rfc -alias broker -file broker.pem \
    -keystore broker.p12 -storetype PKCS12 -storepass "$KAFKA_TLS_STORE_PASSWORD"
  keytool -importcert -noprompt -alias broker -file broker.pem \
    -keystore truststore.p12 -storetype PKCS12 -storepass "$KAFKA_TLS_STORE_PASSWORD"
fi
# The super user on the BROKER listener (PLAIN over TLS): it creates the SCRAM users and the ACLs.
cat > admin.properties <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
ssl.truststore.location=/tls/truststore.p12
ssl.truststore.type=PKCS12
ssl.truststore.password=$KAFKA_TLS_STORE_PASSWORD
PROPERTIES
# The broker and kafka-setup run as the kafka image's user (1000); the services (10001) read the trust store only.
chown 1000:1000 broker.p12 admin.properties
chmod 0400 broker.p12 admin.properties
chmod 0444 broker.pem truststore.p12
