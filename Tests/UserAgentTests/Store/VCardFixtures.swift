/// vCards shaped like what real exporters write.
enum VCardFixtures {
    /// Nextcloud / SabreDAV export (vCard 3.0), CRLF line ends, a folded NOTE.
    static let nextcloud = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Sabre//Sabre VObject 4.5.4//EN",
        "UID:0e3f0c1a-9c1d-4a3b-8f00-6b1e2d3c4f50",
        "FN:Alice Liddell",
        "N:Liddell;Alice;;;",
        "TEL;TYPE=cell:+49 170 1234567",
        "TEL;TYPE=\"work,voice\":+49 30 9876-543",
        "IMPP;X-SERVICE-TYPE=SIP:sip:alice@example.com",
        "IMPP;X-SERVICE-TYPE=Jabber:xmpp:alice@jabber.example",
        "EMAIL;TYPE=HOME:alice@example.com",
        "NOTE:Met at FOSDEM\\, room K\\nBring tea\\; no milk. This note is long enou",
        " gh to be folded by the exporter.",
        "REV;VALUE=DATE-AND-OR-TIME:20240101T000000Z",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "UID:5d6e7f80-0000-4000-8000-000000000002",
        "FN:Bob Builder",
        "N:Builder;Bob;;;",
        "item1.X-SIP:bob@pbx.example.org",
        "item1.X-ABLabel:SIP",
        "END:VCARD",
    ].joined(separator: "\r\n") + "\r\n"

    /// RFC 6350 §8 example (vCard 4.0): tel: URIs with parameters, N with escaped commas.
    static let rfc6350 = """
        BEGIN:VCARD
        VERSION:4.0
        FN:Simon Perreault
        N:Perreault;Simon;;;ing. jr,M.Sc.
        BDAY:--0203
        GENDER:M
        LANG;PREF=1:fr
        ORG;TYPE=work:Viagenie
        TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+1-418-656-9254;ext=102
        TEL;VALUE=uri;TYPE="work,cell,voice,video,text":tel:+1-418-262-6501
        EMAIL;TYPE=work:simon.perreault@viagenie.ca
        GEO;TYPE=work:geo:46.772673,-71.282945
        KEY;TYPE=work;VALUE=uri:http://www.viagenie.ca/simon.perreault/simon.asc
        TZ:-0500
        URL;TYPE=home:http://nomis80.org
        END:VCARD

        """

    /// Android's contacts export (vCard 2.1): quoted-printable UTF-8 names with soft
    /// line breaks, bare TYPE parameters, an inline base64 photo ending in a blank line.
    static let android = """
        BEGIN:VCARD
        VERSION:2.1
        N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=9Cnal;J=C3=B6rg;;;
        FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg =C3=9Cnal =E2=98=8E=
        =EF=B8=8F
        TEL;CELL:0170-555 12 34
        TEL;HOME;VOICE:030 555 99
        TEL;WORK:sip:joerg@work.example
        X-SIPURI:sip:joerg@example.org;transport=tcp
        PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U
         HRofHh0aHBwgJCwnICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIy

        END:VCARD
        BEGIN:VCARD
        VERSION:2.1
        N:;;;;
        ORG:Pizza Napoli
        TEL;WORK;PREF:+39 081 555 0000
        END:VCARD

        """
}
