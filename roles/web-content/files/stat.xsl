<?xml version="1.0" encoding="utf-8"?>
<!-- Renders nginx-rtmp's /stat XML as a table of applications and their live streams. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="utf-8"/>

  <xsl:template match="/rtmp">
    <html>
      <head>
        <title>RTMP status</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 1.5rem; }
          table { border-collapse: collapse; }
          th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; }
          th { background: #eee; }
        </style>
      </head>
      <body>
        <h1>RTMP status</h1>
        <p>nginx <xsl:value-of select="nginx_version"/>, RTMP module <xsl:value-of select="nginx_rtmp_version"/>,
          up <xsl:value-of select="uptime"/> s, <xsl:value-of select="naccepted"/> connections accepted,
          in <xsl:value-of select="round(bw_in div 1000)"/> kbit/s, out <xsl:value-of select="round(bw_out div 1000)"/> kbit/s</p>
        <table>
          <tr><th>application</th><th>stream</th><th>clients</th><th>video</th><th>audio</th><th>in (kbit/s)</th><th>live for (s)</th></tr>
          <xsl:apply-templates select="server/application/live/stream"/>
        </table>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="stream">
    <tr>
      <td><xsl:value-of select="../../name"/></td>
      <td><xsl:value-of select="name"/></td>
      <td><xsl:value-of select="nclients"/></td>
      <td><xsl:value-of select="meta/video/codec"/><xsl:text> </xsl:text><xsl:value-of select="meta/video/width"/>x<xsl:value-of select="meta/video/height"/></td>
      <td><xsl:value-of select="meta/audio/codec"/></td>
      <td><xsl:value-of select="round(bw_in div 1000)"/></td>
      <td><xsl:value-of select="round(time div 1000)"/></td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
