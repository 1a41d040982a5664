export {
  CLASS_PALETTE as EXPORT_PALETTE,
  classColor as colourForClass,
  parseHexColour,
  textColorOn as textColourOn,
} from '../../../shared/palette'
