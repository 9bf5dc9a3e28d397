package org.touchpointcrm.localstack;

/** The Finnish retail chain that simulated and benchmark traffic comes from: its people and stores. */
public final class RetailChain {

    public static final String[] FIRST_NAMES = {"Aino", "Eino", "Helmi", "Väinö", "Aada", "Onni", "Sofia", "Leevi",
            "Ella", "Elias", "Olivia", "Oliver", "Venla", "Eetu", "Lilja", "Juho", "Emilia", "Veeti", "Kerttu", "Matias"};
    public static final String[] LAST_NAMES = {"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen",
            "Laine", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen"};
    /** Store id and the region it lies in. */
    public static final String[][] STORES = {
            {"helsinki-kamppi", "Uusimaa"}, {"espoo-iso-omena", "Uusimaa"}, {"vantaa-jumbo", "Uusimaa"},
            {"tampere-koskikeskus", "Pirkanmaa"}, {"tampere-ratina", "Pirkanmaa"}, {"turku-hansa", "Varsinais-Suomi"},
            {"oulu-valkea", "Pohjois-Pohjanmaa"}, {"jyvaskyla-forum", "Keski-Suomi"}, {"kuopio-matkus", "Pohjois-Savo"}};

    private RetailChain() {
    }
}
