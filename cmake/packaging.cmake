# `make package`: a Debian package built by CPack (docs/operations.md "Install", docs/decisions.md
# "Packaging"). Paths follow the Debian layout: the program in /usr/bin, read-only data in
# /usr/share/frontdoor, the configuration (a conffile) in /etc/frontdoor, state in /var/lib/frontdoor
# (made by the maintainer scripts, not shipped), the unit in /lib/systemd/system.
include(GNUInstallDirs)

install(TARGETS frontdoor RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/policies/ DESTINATION ${CMAKE_INSTALL_DATADIR}/frontdoor/policies)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/templates/ DESTINATION ${CMAKE_INSTALL_DATADIR}/frontdoor/templates)
# The built static folder: our CSS and JavaScript with GOV.UK Frontend's assets (static_assets target).
install(DIRECTORY ${CMAKE_BINARY_DIR}/static/ DESTINATION ${CMAKE_INSTALL_DATADIR}/frontdoor/static)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/operations.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Absolute destinations: outside the /usr prefix by Debian's rules.
install(FILES ${CMAKE_SOURCE_DIR}/packaging/frontdoor.toml DESTINATION /etc/frontdoor)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/frontdoor.service DESTINATION /lib/systemd/system)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME frontdoor)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "children's services front door: contacts, screening, decisions, timescales")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "frontdoor runs the front door of an English council's children's services (MASH, Front Door\n"
       "Service): it records contacts, runs consultations, screens, records authorised decisions, keeps\n"
       "every statutory timescale and produces the statutory returns. One program with a systemd\n"
       "service, on SQLite or PostgreSQL.")
set(CPACK_PACKAGE_CONTACT "frontdoor maintainers <frontdoor@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries' packages come from dpkg-shlibdeps; what the program needs beside them is
# named here: adduser (postinst), the time zone database (date/tz reads it at run time).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "sqlite3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client, nginx")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/debian/conffiles ${CMAKE_SOURCE_DIR}/packaging/debian/postinst
    ${CMAKE_SOURCE_DIR}/packaging/debian/prerm ${CMAKE_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
